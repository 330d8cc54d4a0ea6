using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AssuredRag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "assured_rag",
                table: "recommendations",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true
            );

            migrationBuilder.AddColumn<string>(
                name: "assured_rag_reason",
                table: "recommendations",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true
            );

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "assured_rag_set_at",
                table: "recommendations",
                type: "timestamp with time zone",
                nullable: true
            );

            migrationBuilder.AddColumn<Guid>(name: "assured_rag_set_by_user_id", table: "recommendations", type: "uuid", nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_assured_rag",
                table: "recommendations",
                column: "assured_rag",
                filter: "assured_rag IS NOT NULL"
            );

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_assured_rag_set_by_user_id",
                table: "recommendations",
                column: "assured_rag_set_by_user_id"
            );

            migrationBuilder.AddForeignKey(
                name: "fk_recommendations_users_assured_rag_set_by_user_id",
                table: "recommendations",
                column: "assured_rag_set_by_user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(name: "fk_recommendations_users_assured_rag_set_by_user_id", table: "recommendations");

            migrationBuilder.DropIndex(name: "ix_recommendations_assured_rag", table: "recommendations");

            migrationBuilder.DropIndex(name: "ix_recommendations_assured_rag_set_by_user_id", table: "recommendations");

            migrationBuilder.DropColumn(name: "assured_rag", table: "recommendations");

            migrationBuilder.DropColumn(name: "assured_rag_reason", table: "recommendations");

            migrationBuilder.DropColumn(name: "assured_rag_set_at", table: "recommendations");

            migrationBuilder.DropColumn(name: "assured_rag_set_by_user_id", table: "recommendations");
        }
    }
}
